package com.autograph.collaboration.room;

import com.autograph.collaboration.diagram.DiagramFiles.Access;
import com.autograph.shared.security.TrustedIdentity;

/** One client socket in a room, as the room sees it (the socket layer implements it). */
public interface Connection {

    String id();

    TrustedIdentity identity();

    /** The name shown to others (the user's email until profiles are read). */
    String name();

    /** A stable colour of the user, for cursors. */
    String color();

    Access access();

    void access(Access access);

    /** Queues a text message; never blocks the caller. */
    void send(String message);

    /** Closes the socket with a WebSocket close code and reason. */
    void close(int code, String reason);

}
