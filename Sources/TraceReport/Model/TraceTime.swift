/// `created_at` as the inspector writes it: ISO 8601 (`T` or a space), fractional seconds or not, `Z` or
/// an offset (`+00:00`, `+0000`, `+00`). Read by hand: a build may read it for every trace, and the
/// formatters Foundation offers cost more to create than the whole parse.
enum TraceTime {
    /// Seconds since 1970, nil when absent or not such a time.
    static func seconds(_ text: String?) -> Double? {
        guard let text else { return nil }
        var bytes = Array(text.utf8)[...]
        func number(_ count: Int) -> Int? {
            guard bytes.count >= count else { return nil }
            var value = 0
            for byte in bytes.prefix(count) {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            bytes = bytes.dropFirst(count)
            return value
        }
        func skip(_ allowed: [UInt8]) -> Bool {
            guard let first = bytes.first, allowed.contains(first) else { return false }
            bytes = bytes.dropFirst()
            return true
        }
        guard let year = number(4), skip([0x2D]), let month = number(2), skip([0x2D]), let day = number(2),
            skip([0x54, 0x20]),
            let hour = number(2), skip([0x3A]), let minute = number(2), skip([0x3A]), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if skip([0x2E]) {
            var scale = 0.1
            while let byte = bytes.first, byte >= 0x30 && byte <= 0x39 {
                fraction += Double(byte - 0x30) * scale
                scale /= 10
                bytes = bytes.dropFirst()
            }
        }
        var offset = 0
        if skip([0x5A]) {
            offset = 0
        } else if let sign = bytes.first, sign == 0x2B || sign == 0x2D {
            bytes = bytes.dropFirst()
            guard let hours = number(2) else { return nil }
            _ = skip([0x3A])
            let minutes = bytes.isEmpty ? 0 : number(2)
            guard let minutes else { return nil }
            offset = (hours * 60 + minutes) * 60 * (sign == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        guard bytes.isEmpty else { return nil }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
    }
}
