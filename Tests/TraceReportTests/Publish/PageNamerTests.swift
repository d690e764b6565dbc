import PropertyBased
import Testing

@testable import TraceReport

@Suite("Page namer: safe, short, unique file names for trace pages")
struct PageNamerTests {
    static let idPieces = [
        "a", "B", "0", "-", "_", ".", "/", "\\", "..", "../", " ", "%2e", ":", "*", "?", "결", "🙂", "\u{0}", "\n",
        "trace", "A", "\u{301}", "CON", "<x>",
    ]
    static let ids = Gen.element(of: idPieces).compactMap { $0 }.array(of: 0...30).map { $0.joined() }

    static func isSafe(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= PageNamer.maxLength && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            }
    }

    @Test("a safe id is its own name")
    func plainIDs() {
        var namer = PageNamer()
        #expect(namer.name(for: "legacy-q01") == "legacy-q01")
        #expect(namer.name(for: "fixed_Q.2") == "fixed_Q.2")
    }

    @Test("unsafe characters are replaced and a hash of the id keeps distinct ids distinct")
    func unsafeIDs() {
        var namer = PageNamer()
        let a = namer.name(for: "../../etc/passwd")
        let b = namer.name(for: "__.._etc_passwd")
        #expect(Self.isSafe(a) && Self.isSafe(b))
        #expect(a.hasPrefix("_._.._etc_passwd-"))
        #expect(a != b)
    }

    @Test("duplicate ids both get pages, and names differing only in case do not clash")
    func duplicates() {
        var namer = PageNamer()
        #expect(namer.name(for: "t1") == "t1")
        #expect(namer.name(for: "t1") == "t1-2")
        #expect(namer.name(for: "T1") == "T1-3")
        #expect(namer.name(for: "") == "trace-" + StableHash.hex(""))
    }

    @Test("very long ids are cut to 120 bytes at most")
    func longIDs() {
        var namer = PageNamer()
        let name = namer.name(for: String(repeating: "x", count: 5000))
        #expect(name.utf8.count <= PageNamer.maxLength)
    }

    @Test("property: any ids give safe names, unique within the build, the same on every run")
    func properties() async {
        await propertyCheck(count: 300, input: Self.ids.array(of: 1...25)) { (ids: [String]) in
            var first = PageNamer()
            var second = PageNamer()
            let names = ids.map { first.name(for: $0) }
            #expect(names.allSatisfy(Self.isSafe), "\(names)")
            #expect(Set(names.map { $0.lowercased() }).count == ids.count, "one page per trace: \(ids) → \(names)")
            #expect(ids.map { second.name(for: $0) } == names, "deterministic")
        }
    }

    @Test(
        "thousands of names, some differing only in case, some repeated: each name handed out once, as a dictionary of names would"
    )
    func manyNames() {
        var namer = PageNamer()
        var taken: [String: String] = [:]  // lowercased name → id
        for i in 0..<20_000 {
            let id = i % 7 == 0 ? "Trace-\(i / 2)" : i % 11 == 0 ? "trace-\(i / 2)" : "trace-\(i % 5_000)"
            let name = namer.name(for: id)
            #expect(taken[name.lowercased()] == nil, "\(name) handed out twice")
            taken[name.lowercased()] = id
        }
        #expect(taken.count == 20_000)
        #expect(taken["trace-4999-2"] == "trace-4999")
    }

    /// The rule `base(for:)` follows, written the plain way: each scalar kept when it is an ASCII letter,
    /// digit, `-`, `_` or `.` (not a leading dot), else one `_`; the id's hash added when anything was
    /// replaced, nothing was kept, or the result is over 90 bytes.
    static func plainBase(_ traceID: String) -> String {
        var safe = ""
        var lossy = false
        for scalar in traceID.unicodeScalars {
            let allowed =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_.".unicodeScalars.contains(scalar))
            if allowed && !(safe.isEmpty && scalar == ".") {
                safe.unicodeScalars.append(scalar)
            } else {
                safe.append("_")
                lossy = true
            }
        }
        if !lossy && !safe.isEmpty && safe.utf8.count <= 90 { return safe }
        return (safe.isEmpty ? "trace" : String(safe.prefix(90))) + "-" + StableHash.hex(traceID)
    }

    @Test("property: a name's base is the plain rule's, byte for byte (names the last build handed out stay)")
    func baseFollowsThePlainRule() async {
        let long = Gen.element(of: ["a", "Z", "9", ".", "결", "🙂", " "]).compactMap { $0 }.array(of: 80...130)
            .map { $0.joined() }
        await propertyCheck(count: 300, input: Self.ids) { (id: String) in
            #expect(PageNamer.base(for: id) == Self.plainBase(id), "\(id.debugDescription)")
        }
        await propertyCheck(count: 100, input: long) { (id: String) in
            #expect(PageNamer.base(for: id) == Self.plainBase(id), "\(id.debugDescription)")
        }
    }
}
