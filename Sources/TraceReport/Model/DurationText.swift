extension Duration {
    /// Seconds as a user types them on the command line: `30`, `0.5`.
    public var secondsText: String {
        let (s, atto) = components
        let value = Double(s) + Double(atto) / 1e18
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}
