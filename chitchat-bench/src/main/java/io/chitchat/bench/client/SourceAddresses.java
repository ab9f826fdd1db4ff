package io.chitchat.bench.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback source addresses client sockets are bound to (127.0.0.1, 127.0.0.2, ...), handed out round robin.
 * Two limits make one source too few: the ephemeral ports of one source address (about 28,000 with Linux's default
 * range) and the server's connections per remote address (ChitChat's default: 1,000). The bench therefore uses
 * {@code ceil(connections / perSource)} sources; every address of 127.0.0.0/8 is local on Linux.
 *
 * <p>Thread-safe.
 */
public final class SourceAddresses {
    private final List<InetAddress> addresses;
    private final AtomicLong next = new AtomicLong();

    private SourceAddresses(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** {@code count} addresses from {@code first} upwards in the last octets (127.0.0.1 → 127.0.0.2 → ...). */
    public static SourceAddresses loopback(String first, int count) {
        if (count < 1 || count > 60_000) {
            throw new IllegalArgumentException("source address count must be between 1 and 60000, was " + count);
        }
        try {
            byte[] base = InetAddress.getByName(first).getAddress();
            if (base.length != 4 || base[0] != 127) {
                throw new IllegalArgumentException("source addresses must be IPv4 loopback (127.x.y.z), was " + first);
            }
            List<InetAddress> list = new ArrayList<>(count);
            long start = ((base[1] & 0xffL) << 16) | ((base[2] & 0xffL) << 8) | (base[3] & 0xffL);
            for (int i = 0; i < count; i++) {
                long v = start + i;
                if ((v & 0xff) == 0 || (v & 0xff) == 255) {
                    count++; // skip .0 and .255
                    continue;
                }
                list.add(InetAddress.getByAddress(new byte[] {127, (byte) (v >> 16), (byte) (v >> 8), (byte) v}));
            }
            return new SourceAddresses(list);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + first, e);
        }
    }

    /** No binding: the kernel picks the source (for a remote, non-loopback server). */
    public static SourceAddresses none() {
        return new SourceAddresses(List.of());
    }

    /**
     * Binds a socket to the next source address; when that address has no ephemeral port left (bind fails), tries
     * the following ones. Does nothing when the kernel is to choose.
     */
    public void bind(java.nio.channels.SocketChannel channel) throws java.io.IOException {
        if (addresses.isEmpty()) {
            return;
        }
        java.net.BindException last = null;
        for (int attempt = 0; attempt < addresses.size(); attempt++) {
            try {
                channel.bind(new java.net.InetSocketAddress(next(), 0));
                return;
            } catch (java.net.BindException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The next address, or null when the kernel is to choose. */
    InetAddress next() {
        if (addresses.isEmpty()) {
            return null;
        }
        return addresses.get((int) (next.getAndIncrement() % addresses.size()));
    }

    public int size() {
        return addresses.size();
    }

    @Override
    public String toString() {
        if (addresses.isEmpty()) {
            return "any";
        }
        return addresses.get(0).getHostAddress() + (addresses.size() > 1
                ? ".." + addresses.get(addresses.size() - 1).getHostAddress() : "");
    }
}
