package dev.strata.spark.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.BarrierTaskContext;

/**
 * {@link Exchange} over TCP through replica 0 (a star): Spark's barrier serves only the
 * rendezvous, one {@code allGather} of replica 0's ephemeral address. Each call every other
 * replica sends {@code [rows][values]} (little-endian) to replica 0, which averages in partition
 * order and sends the average back to all. Blocking reads wake every second to notice a killed
 * task, so a failed replica fails the stage instead of hanging it.
 */
final class SocketExchange implements Exchange {
    private static final int POLL_MS = 1000;
    private final BarrierTaskContext ctx;
    private final int me;
    private final int replicas;
    private final Socket[] peers; // replica 0: one per other replica; others: [0] to replica 0
    private final ServerSocket server;
    private int calls;
    private long nanos;
    private long bytes;

    /**
     * Replica 0's listening socket on an ephemeral port, before the rendezvous: on loopback in local
     * mode (every replica runs in the driver's JVM), else on its executor's address.
     */
    static ServerSocket listen(BarrierTaskContext ctx) {
        boolean local = "driver".equals(org.apache.spark.SparkEnv.get().executorId()); // SparkContext.DRIVER_IDENTIFIER
        String host = local ? InetAddress.getLoopbackAddress().getHostAddress() : host(ctx.getTaskInfos()[0].address());
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(host), 0), ctx.getTaskInfos().length);
            server.setSoTimeout(POLL_MS);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("replica 0 cannot listen on " + host + ": " + e.getMessage(), e);
        }
    }

    /** Replica 0's address for the rendezvous message. */
    static String address(ServerSocket server) {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** Connects after the rendezvous: replica 0 passes its server, the others replica 0's address. */
    SocketExchange(BarrierTaskContext ctx, ServerSocket server, String zero) {
        this.ctx = ctx;
        this.me = ctx.partitionId();
        this.replicas = ctx.getTaskInfos().length;
        this.peers = new Socket[me == 0 ? replicas : 1];
        this.server = server;
        try {
            if (me == 0) {
                for (int accepted = 1; accepted < replicas; accepted++) {
                    Socket s = accept();
                    int rank = ByteBuffer.wrap(read(s, 4)).getInt();
                    if (rank <= 0 || rank >= replicas || peers[rank] != null) throw new IllegalStateException("replica 0 got a connection from unknown replica " + rank);
                    peers[rank] = s;
                }
            } else {
                int colon = zero.lastIndexOf(':');
                Socket s = new Socket(zero.substring(0, colon), Integer.parseInt(zero.substring(colon + 1)));
                s.setTcpNoDelay(true);
                s.setSoTimeout(POLL_MS);
                s.getOutputStream().write(ByteBuffer.allocate(4).putInt(me).array());
                s.getOutputStream().flush();
                peers[0] = s;
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("replica " + me + " could not connect to the other replicas: " + e.getMessage(), e);
        }
    }

    @Override
    public float[] average(float[] values, long rows) {
        long t0 = System.nanoTime();
        try {
            float[] out;
            if (me == 0) {
                float[][] v = new float[replicas][];
                long[] r = new long[replicas];
                v[0] = values;
                r[0] = rows;
                for (int p = 1; p < replicas; p++) {
                    ByteBuffer b = ByteBuffer.wrap(read(peers[p], 8 + 4 * values.length)).order(ByteOrder.LITTLE_ENDIAN);
                    r[p] = b.getLong();
                    v[p] = new float[values.length];
                    b.asFloatBuffer().get(v[p]);
                }
                out = Exchange.weightedMean(v, r);
                byte[] reply = frame(out == null ? 0 : 1, out == null ? new float[values.length] : out);
                for (int p = 1; p < replicas; p++) write(peers[p], reply);
                bytes = (long) reply.length * (replicas - 1);
            } else {
                byte[] mine = frame(rows, values);
                write(peers[0], mine);
                bytes = mine.length;
                ByteBuffer b = ByteBuffer.wrap(read(peers[0], 8 + 4 * values.length)).order(ByteOrder.LITTLE_ENDIAN);
                boolean any = b.getLong() != 0;
                out = new float[values.length];
                b.asFloatBuffer().get(out);
                if (!any) out = null;
            }
            calls++;
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + me + ": exchange " + (calls + 1) + " failed (another replica stopped?): " + e.getMessage(), e);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    private static byte[] frame(long rows, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(rows);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static void write(Socket s, byte[] data) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(data);
        o.flush();
    }

    private byte[] read(Socket s, int n) throws IOException {
        byte[] buf = new byte[n];
        InputStream in = s.getInputStream();
        int at = 0;
        while (at < n) {
            int got;
            try {
                got = in.read(buf, at, n - at);
            } catch (SocketTimeoutException slow) {
                checkAlive();
                continue;
            }
            if (got < 0) throw new IOException("a replica closed its connection");
            at += got;
        }
        return buf;
    }

    private Socket accept() throws IOException {
        while (true) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                s.setSoTimeout(POLL_MS);
                return s;
            } catch (SocketTimeoutException slow) {
                checkAlive();
            }
        }
    }

    private void checkAlive() throws IOException {
        if (ctx.isInterrupted()) throw new IOException("task killed (another replica failed)");
    }

    private static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    @Override
    public int calls() { return calls; }

    @Override
    public long nanos() { return nanos; }

    @Override
    public long messageBytes() { return bytes; }

    @Override
    public void close() {
        for (Socket s : peers) closeQuietly(s);
        closeQuietly(server);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after the epoch; nothing left to send
        }
    }
}
