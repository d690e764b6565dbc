/// Positions of keys in a list that is almost always short: a linear scan while it holds
/// at most `linearLimit` keys (an asset has a few displays and stages, and comparing them
/// beats hashing strings), a dictionary past that, so a hostile or huge input (thousands
/// of versions or stages of one key) stays linear instead of quadratic.
struct SmallIndex<Key: Hashable>: Sendable where Key: Sendable {
    static var linearLimit: Int { 32 }

    private var keys: [Key] = []
    private var positions: [Key: Int]?

    /// How many keys were added.
    private(set) var count = 0

    /// The position `key` was added at, if it was.
    func position(of key: Key) -> Int? {
        if let positions { return positions[key] }
        return keys.firstIndex(of: key)
    }

    /// Adds `key` (not yet added) at the next position, and returns that position.
    @discardableResult
    mutating func append(_ key: Key) -> Int {
        let position = count
        count += 1
        if positions != nil {
            positions![key] = position
        } else {
            keys.append(key)
            if keys.count > Self.linearLimit {
                positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
                keys = []
            }
        }
        return position
    }
}
