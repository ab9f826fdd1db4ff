package io.chitchat.redis;

/**
 * The names of every key and channel of one cluster, all under its prefix. The layout is documented in
 * {@code package-info.java}; room ids are {@code [a-z0-9_-]} and node ids {@code [A-Za-z0-9._-]}, so neither
 * can collide with the separators.
 */
final class Keys {
    final String prefix;
    final String rooms;
    final String nodes;
    final String emptyRooms;
    final String reaperLock;
    final String bus;
    final String instance;

    Keys(String prefix) {
        this.prefix = prefix;
        this.rooms = prefix + "rooms";
        this.nodes = prefix + "nodes";
        this.emptyRooms = prefix + "empty";
        this.reaperLock = prefix + "reaper";
        this.bus = prefix + "bus";
        this.instance = prefix + "instance";
    }

    String room(String room) {
        return prefix + "room:" + room;
    }

    String members(String room) {
        return prefix + "room:" + room + ":members";
    }

    String leaving(String room) {
        return prefix + "room:" + room + ":leaving";
    }

    String names(String room) {
        return prefix + "room:" + room + ":names";
    }

    String seq(String room) {
        return prefix + "room:" + room + ":seq";
    }

    String log(String room) {
        return prefix + "room:" + room + ":log";
    }

    String node(String nodeId) {
        return prefix + "node:" + nodeId;
    }

    String nodeMembers(String nodeId) {
        return prefix + "node:" + nodeId + ":members";
    }
}
