package io.chitchat;

/** A snapshot of an engine's load: open connections, rooms (on every node), rooms active on this node. */
public record Stats(int connections, int rooms, int localRooms, long uptimeMillis) {}
