/// An asset key as the orchestrator writes it: a single slot (`prompt`) or a list
/// entry, `kind:name` (`query:cpu_usage`).
public enum AssetKey {
    /// `query:cpu_usage` → (`query`, `cpu_usage`); `prompt` → (`prompt`, nil).
    public static func split(_ key: String) -> (kind: String, name: String?) {
        guard let colon = key.firstIndex(of: ":") else { return (key, nil) }
        return (String(key[..<colon]), String(key[key.index(after: colon)...]))
    }
}
