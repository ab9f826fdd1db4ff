package io.chitchat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, from a resource filtered by Maven. */
final class Version {
    private Version() {}

    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
