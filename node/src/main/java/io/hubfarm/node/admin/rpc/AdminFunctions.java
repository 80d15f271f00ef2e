package io.hubfarm.node.admin.rpc;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The admin RPC functions hubfarm answers, by name (case-insensitive, as SoftEther's are). Built once, then read-only. */
public final class AdminFunctions {
    private final Map<String, AdminCall> calls = new TreeMap<>();

    public AdminFunctions add(String name, AdminCall call) {
        if (calls.putIfAbsent(name.toLowerCase(Locale.ROOT), call) != null) {
            throw new IllegalArgumentException("admin function " + name + " is defined twice");
        }
        return this;
    }

    public Optional<AdminCall> find(String name) {
        return Optional.ofNullable(calls.get(name.toLowerCase(Locale.ROOT)));
    }
}
