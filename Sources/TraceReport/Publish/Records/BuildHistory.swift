import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// `history.jsonl`: the builds of a site, oldest first, the last `limit` kept. Each build
/// reads the history of the site it replaces (or, for a fresh output folder, of
/// `--history-from`), appends its own line and writes the file into the new site.
public struct BuildHistory: Sendable {
    public static let fileName = "history.jsonl"
    public static let defaultLimit = 100

    /// Where a fresh site's history comes from.
    public enum Seed: Sendable, Equatable {
        /// A published site's folder.
        case folder(String)
        /// A published site's URL: `<url>/history.jsonl` is fetched.
        case url(String)

        /// `http(s)://…` is a URL, anything else a folder.
        public init(_ text: String) {
            self = text.hasPrefix("http://") || text.hasPrefix("https://") ? .url(text) : .folder(text)
        }
    }

    /// The builds, oldest first.
    public private(set) var entries: [HistoryEntry]

    public init(entries: [HistoryEntry] = []) { self.entries = entries }

    /// The history of the site in `output` when it has one, else of `seed`; lines that are not
    /// history entries are left out with a note naming file and line (a hand-edited file loses
    /// only those lines, never the build). `output` is nil when the site's history is not its own file.
    public static func load(output: String?, seed: Seed?, notes: (String) -> Void) -> BuildHistory {
        if let output {
            let own = (output as NSString).appendingPathComponent(fileName)
            if let data = FileManager.default.contents(atPath: own) { return parse(data, source: own, notes: notes) }
        }
        switch seed {
        case nil: return BuildHistory()
        case .folder(let folder):
            let path = (folder as NSString).appendingPathComponent(fileName)
            guard let data = FileManager.default.contents(atPath: path) else {
                notes("note: --history-from \(folder): no \(fileName) there: the history starts with this build")
                return BuildHistory()
            }
            return parse(data, source: path, notes: notes)
        case .url(let url):
            let address = (url.hasSuffix("/") ? url : url + "/") + fileName
            switch fetch(address) {
            case .success(let data): return parse(data, source: address, notes: notes)
            case .failure(let reason):
                notes("note: --history-from \(address): \(reason): the history starts with this build")
                return BuildHistory()
            }
        }
    }

    static func parse(_ data: Data, source: String, notes: (String) -> Void) -> BuildHistory {
        var entries: [HistoryEntry] = []
        var number = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            switch HistoryEntry.parse(text) {
            case .success(let entry): entries.append(entry)
            case .failure(let error):
                notes("note: \(source):\(number): not a history entry (\(error.path): \(error.reason)): left out")
            }
        }
        return BuildHistory(entries: entries)
    }

    /// A GET of `address` within 20 seconds: the body of a 200 answer, or why there is none.
    static func fetch(_ address: String) -> Result<Data, FetchFailure> {
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: address, method: .GET)
        } catch {
            return .failure(FetchFailure("not a URL"))
        }
        do {
            let response = try HTTPClient.shared.execute(request: request, deadline: .now() + .seconds(20)).wait()
            guard response.status == .ok else { return .failure(FetchFailure("HTTP \(response.status.code)")) }
            return .success(response.body.map { Data($0.readableBytesView) } ?? Data())
        } catch {
            return .failure(FetchFailure(reason(error)))
        }
    }

    /// What went wrong with a GET, in words: NIO's own descriptions carry its internals.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return "cannot connect: " + String(cString: strerror(io.errnoCode)) }
        if let client = error as? HTTPClientError,
            [.connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout].contains(client)
        {
            return "no answer within 20 seconds"
        }
        if error is NIOSSLError || error is BoringSSLError { return "TLS handshake failed (is it an https server?)" }
        return String(describing: error)
    }

    struct FetchFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Adds this build (numbered one past the last) and keeps the last `limit`.
    public mutating func append(_ entry: HistoryEntry, limit: Int) {
        var entry = entry
        entry.build = (entries.last?.build ?? 0) + 1
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// The file's text: a line per build.
    public var text: String { entries.map { $0.json + "\n" }.joined() }
}
