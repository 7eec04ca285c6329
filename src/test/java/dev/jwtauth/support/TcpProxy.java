package dev.jwtauth.support;

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
 * A TCP proxy on a loopback port in front of a real server (PostgreSQL), which a test can cut or black-hole and
 * restore, while the server itself and every other client go on. Cut closes every connection through it and stops
 * listening, so the server behind it looks gone (connections refused, open ones broken). Black-holed, it looks like
 * a network that drops every packet: it still accepts connections, but nothing passes either way, on open
 * connections or new ones, and nothing is closed — whoever waits for an answer waits until its own time-out. Restored
 * from a black hole, what was held back is delivered, as TCP would once the network heals.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private final Object passage = new Object();
    private boolean silent;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    public static TcpProxy to(String host, int port) throws IOException {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    public int port() {
        return port;
    }

    public synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** From now on nothing passes and nothing is answered, until {@link #restore}; connections stay open. */
    public void blackHole() {
        synchronized (passage) {
            silent = true;
        }
    }

    public synchronized void restore() throws IOException {
        synchronized (passage) {
            silent = false;
            passage.notifyAll();
        }
        if (listener.isClosed()) {
            listener = bind(port);
            acceptOn(listener);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (passage) {
            silent = false;
            passage.notifyAll();
        }
        cut();
    }

    private static ServerSocket bind(int port) throws IOException {
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void acceptOn(ServerSocket socket) {
        daemon("proxy-accept-" + port, () -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    sockets.add(client);
                    // black-holed: the connection is accepted, and goes nowhere until the proxy is restored
                    daemon("proxy-connect-" + port, () -> connect(client));
                } catch (IOException closed) {
                    // the listener was closed by cut()
                }
            }
        });
    }

    private void connect(Socket client) {
        try {
            awaitPassage();
            Socket upstream = new Socket(target.getAddress(), target.getPort());
            sockets.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        } catch (IOException | InterruptedException refused) {
            // the target refused: the client sees its socket close
            closeQuietly(client);
        }
    }

    /** Returns at once unless black-holed; then when restored. */
    private void awaitPassage() throws InterruptedException {
        synchronized (passage) {
            while (silent) {
                passage.wait();
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        daemon("proxy-pipe-" + port, () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitPassage(); // black-holed: what was read is held back, not lost
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable work) {
        var thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
