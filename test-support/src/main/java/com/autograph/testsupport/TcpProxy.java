package com.autograph.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder that a test can cut and restore, to show how a service behaves
 * while PostgreSQL, Redis or S3 is unreachable and after it comes back. While cut, it
 * accepts nothing (connection refused) and has dropped every open connection.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;

    private final int targetPort;

    private final int port;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private volatile ServerSocket server;

    private TcpProxy(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** A proxy on a free loopback port, initially cut. */
    public static TcpProxy to(String targetHost, int targetPort) {
        return new TcpProxy(targetHost, targetPort, FreePorts.next());
    }

    public int port() {
        return port;
    }

    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot listen on " + port, ex);
        }
        Thread.ofVirtual().name("tcp-proxy-" + port).start(this::acceptLoop);
    }

    public synchronized void cut() {
        ServerSocket current = server;
        server = null;
        closeQuietly(current);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private void acceptLoop() {
        ServerSocket listening = server;
        while (listening != null && !listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            }
            catch (IOException ignored) {
                // The other side closed, or the proxy was cut.
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            }
            catch (Exception ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        cut();
    }

}
