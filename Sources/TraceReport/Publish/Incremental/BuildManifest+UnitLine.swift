import Foundation

/// Reading a unit's line of the last build's manifest back (`BuildManifest.line(key:traces:)` writes it).
extension BuildManifest {
    /// A unit line's traces: the header and, with `digests`, each digest read member by member
    /// (`JSONParser.pull`); each digest kept as it stands in the line.
    static func traces(fromLine line: [UInt8], digests: Bool = true) throws -> [PreviousTrace] {
        try line.withUnsafeBufferPointer { all in
            // The parts between tabs, found with memchr (a loop over the bytes was a quarter of reading a line).
            var ranges: [Range<Int>] = []
            var start = 0
            while let base = all.baseAddress, start < all.count,
                let tab = memchr(base + start, 0x09, all.count - start)
            {
                let i = base.distance(to: tab.assumingMemoryBound(to: UInt8.self))
                ranges.append(start..<i)
                start = i + 1
            }
            ranges.append(start..<all.count)
            let parts = ranges.map { UnsafeBufferPointer(rebasing: all[$0]) }
            let headers: [Header]
            do throws(JSONParser.Failure) {
                headers = try JSONParser.pull(parts[0]) { p throws(JSONParser.Failure) in try readHeaders(&p) }
            } catch {
                throw TraceFieldError(path: .root, reason: "not a manifest unit: \(error.reason)")
            }
            guard headers.count == parts.count - 1 else {
                throw TraceFieldError(path: .root, reason: "not a manifest unit")
            }
            var traces = try zip(headers, ranges.dropFirst()).map { header, digestRange in
                let digest = digests ? try TraceDigest.parse(UnsafeBufferPointer(rebasing: all[digestRange])) : nil
                guard digest == nil || digest?.name == header.name else {
                    throw TraceFieldError(path: .root, reason: "not a manifest trace")
                }
                let trace = CachedTrace(
                    traceID: header.traceID, source: header.source, name: header.name, digest: digest,
                    digestJSON: line[digestRange], summary: "", baseline: header.baseline,
                    occurrence: header.occurrence, indexPage: header.page)
                return PreviousTrace(trace: trace, summaryRange: header.summary)
            }
            if !traces.isEmpty { traces[0].unitLine = line }
            return traces
        }
    }

    /// One trace's part of a unit's header (`CachedTrace.writeHeader`).
    private struct Header {
        var name = ""
        var traceID = ""
        var source = ""
        var baseline: Int?
        var occurrence = 1
        var page = 1
        var summary = (offset: 0, length: 0)
    }

    /// `{"key":…,"traces":[header, …]}`: the headers.
    private static func readHeaders(_ p: inout JSONParser) throws(JSONParser.Failure) -> [Header] {
        var headers: [Header]?
        try p.enterObject()
        var first = true
        while let member = try p.nextMember(&first) {
            guard member == "traces" else {
                try p.skipValue()
                continue
            }
            var list: [Header] = []
            try p.enterArray()
            var firstTrace = true
            while try p.nextElement(&firstTrace) { list.append(try readHeader(&p)) }
            headers = list
        }
        guard let headers else { throw p.fail("the unit lists no traces") }
        return headers
    }

    private static func readHeader(_ p: inout JSONParser) throws(JSONParser.Failure) -> Header {
        var h = Header()
        var seen = (name: false, traceID: false, source: false, summary: false)
        try p.enterObject()
        var first = true
        while let member = try p.nextMember(&first) {
            switch member {
            case "name": (h.name, seen.name) = (try p.readString(), true)
            case "traceID": (h.traceID, seen.traceID) = (try p.readString(), true)
            case "source": (h.source, seen.source) = (try p.readString(), true)
            case "baseline": h.baseline = try p.readInt()
            case "occurrence": h.occurrence = try p.readInt()
            case "page": h.page = try p.readInt()
            case "summary":
                try p.enterArray()
                var firstNumber = true
                var range: [Int] = []
                while try p.nextElement(&firstNumber) { range.append(try p.readInt()) }
                guard range.count == 2 else { throw p.fail("a summary range has two numbers") }
                (h.summary, seen.summary) = ((range[0], range[1]), true)
            default: try p.skipValue()
            }
        }
        guard seen.name, seen.traceID, seen.source, seen.summary else { throw p.fail("not a manifest trace") }
        return h
    }
}
