extension InputError: Encodable {
    enum CodingKeys: String, CodingKey { case source, message }

    /// `{"source": "<file>:<line>", "message": "<path>: <reason>"}` in `summary.json`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(message, forKey: .message)
    }
}
