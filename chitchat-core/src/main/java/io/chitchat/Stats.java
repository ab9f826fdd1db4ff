package io.chitchat;

/**
 * A snapshot of an engine's load: open connections, rooms (on every node), rooms active on this node, uptime, and
 * whether its backend is reachable ({@code degraded}: a clustered broker lost its connection).
 */
public record Stats(int connections, int rooms, int localRooms, long uptimeMillis, boolean degraded) {}
