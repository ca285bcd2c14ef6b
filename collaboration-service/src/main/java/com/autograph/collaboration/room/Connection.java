package com.autograph.collaboration.room;

import com.autograph.collaboration.diagram.DiagramFiles.Access;
import com.autograph.collaboration.diagram.DiagramFiles.Grant;
import com.autograph.collaboration.diagram.DiagramFiles.Link;
import com.autograph.shared.security.TrustedIdentity;

/** One client socket in a room, as the room sees it (the socket layer implements it). */
public interface Connection {

    String id();

    /** The signed-in user, or a guest (DiagramFiles.guest) who came with a share link. */
    TrustedIdentity identity();

    /** The share link the socket was opened with, or null. */
    Link link();

    /** The name shown to others (the user's email until profiles are read). */
    String name();

    /** A stable colour of the user, for cursors. */
    String color();

    Access access();

    /** What the connection may do now (a permission re-check's answer). */
    void grant(Grant grant);

    /** Queues a text message; never blocks the caller. */
    void send(String message);

    /** Closes the socket with a WebSocket close code and reason. */
    void close(int code, String reason);

}
