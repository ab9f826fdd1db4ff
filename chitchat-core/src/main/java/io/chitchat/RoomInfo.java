package io.chitchat;

/** What the server API tells about a room. Never contains the password or its hash. */
public record RoomInfo(String id, boolean isProtected, boolean permanent, int members, long createdAt) {}
