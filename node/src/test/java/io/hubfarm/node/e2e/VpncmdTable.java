package io.hubfarm.node.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Item|Value" tables that vpncmd prints (AccountStatusGet, AccountList, SessionList, UserGet...):
 * <pre>
 * Item               |Value
 * -------------------+------------
 * Session Name       |SID-ALICE-1
 * User Name          |alice
 * -------------------+------------      (separates records in list commands)
 * Session Name       |SID-BOB-3
 * </pre>
 * Keys and values are trimmed; the table ends at the first line without a '|'. Commands with few
 * columns (ClusterMemberList, BridgeList, ...) print a row per record instead, read by {@link #rows}:
 * <pre>
 * ID|Type      |Host Name
 * --+----------+---------
 *  1|Controller|cn1
 * </pre>
 */
public final class VpncmdTable {
    private VpncmdTable() {
    }

    /** Each record of the first Item|Value table, in order; empty when the output has no such table. */
    public static List<Map<String, String>> records(String output) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> current = null;
        boolean inTable = false;
        for (String line : output.lines().toList()) {
            if (!inTable) {
                inTable = isHeader(line);
                continue;
            }
            if (isSeparator(line)) {
                current = null;
                continue;
            }
            int bar = line.indexOf('|');
            if (bar < 0) {
                break;
            }
            if (current == null) {
                current = new LinkedHashMap<>();
                records.add(current);
            }
            current.putIfAbsent(line.substring(0, bar).trim(), line.substring(bar + 1).trim());
        }
        return records.stream().map(Collections::unmodifiableMap).toList();
    }

    /** The first record (the whole table for single-object commands such as AccountStatusGet). */
    public static Map<String, String> items(String output) {
        List<Map<String, String>> records = records(output);
        return records.isEmpty() ? Map.of() : records.getFirst();
    }

    /** Each row of the table, if it has column headers (not "Item|Value"), keyed by its trimmed header. */
    public static List<Map<String, String>> rows(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String header = lines.get(i);
            if (header.indexOf('|') < 0) {
                continue;
            }
            if (isHeader(header) || !isSeparator(lines.get(i + 1))) {
                return List.of(); // vpncmd prints one table; this one is not of that kind
            }
            String[] names = header.split("\\|", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(i + 2, lines.size())) {
                if (line.indexOf('|') < 0) {
                    break;
                }
                String[] cells = line.split("\\|", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < names.length; c++) {
                    row.put(names[c].trim(), c < cells.length ? cells[c].trim() : "");
                }
                rows.add(Collections.unmodifiableMap(row));
            }
            return rows;
        }
        return List.of();
    }

    private static boolean isHeader(String line) {
        int bar = line.indexOf('|');
        return bar > 0 && line.substring(0, bar).trim().equals("Item") && line.substring(bar + 1).trim().equals("Value");
    }

    private static boolean isSeparator(String line) {
        return !line.isEmpty() && line.chars().allMatch(c -> c == '-' || c == '+') && line.indexOf('+') > 0;
    }
}
