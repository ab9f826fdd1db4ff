package io.chitchat.client;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;

/** Records every callback, in order, as short strings and as values. */
final class RecordingListener implements ClientListener {
    final List<String> events = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    final List<ServerFrame.Error> errors = new ArrayList<>();
    final List<ServerFrame.Left> lefts = new ArrayList<>();
    final List<CloseStatus> closes = new ArrayList<>();
    final List<ClientState> states = new ArrayList<>();
    final List<Throwable> rejoinFailures = new ArrayList<>();

    @Override
    public void onStateChange(ClientState previous, ClientState current) {
        states.add(current);
        events.add("state " + current);
    }

    @Override
    public void onWelcome(ServerFrame.Welcome welcome) {
        events.add("welcome");
    }

    @Override
    public void onJoined(ServerFrame.Joined joined) {
        events.add("joined " + joined.room());
    }

    @Override
    public void onRejoined(ServerFrame.Joined joined) {
        events.add("rejoined " + joined.room() + " recovered=" + joined.recovered());
    }

    @Override
    public void onRejoinFailed(String room, Throwable error) {
        rejoinFailures.add(error);
        events.add("rejoinFailed " + room);
    }

    @Override
    public void onMessage(Entry.Message message) {
        entries.add(message);
        events.add("message " + message.room() + "#" + message.seq());
    }

    @Override
    public void onSystem(Entry.SystemEvent event) {
        entries.add(event);
        events.add("system " + event.room() + "#" + event.seq());
    }

    @Override
    public void onPresence(ServerFrame.Presence presence) {
        events.add("presence " + presence.room());
    }

    @Override
    public void onTyping(ServerFrame.TypingNotice typing) {
        events.add("typing " + typing.room());
    }

    @Override
    public void onLeft(ServerFrame.Left left) {
        lefts.add(left);
        events.add("left " + left.room());
    }

    @Override
    public void onError(ServerFrame.Error error) {
        errors.add(error);
        events.add("error " + error.code().wire());
    }

    @Override
    public void onClose(int code, String reason) {
        closes.add(new CloseStatus(code, reason));
        events.add("close " + code);
    }

    List<Long> seqs() {
        return entries.stream().map(Entry::seq).toList();
    }
}
