import Dispatch
import Synchronization

/// Creates the site's page files — written anew, or hard-linked from the last build — one
/// at a time. From several threads at once, file creations in one folder queue on the
/// folder's lock and ext4 spins on it: a third of an incremental build's CPU time, and
/// over a quarter of a full build's when creations are slow (after many deletions, ext4
/// without a journal scans recently deleted inodes on each). Here a worker that finds
/// another one writing leaves its file to that one and goes on rendering (waiting for it,
/// even spinning briefly in `Mutex`, was 2–4% of a full build's CPU time), and links are
/// made on a background thread.
final class PageFileQueue: Sendable {
    private let queue = DispatchQueue(label: "tracereport.page-files")
    private let folderLock = Mutex(())
    private let failure = Mutex<PublishError?>(nil)
    /// Files left by workers that found the folder busy, for its holder to write.
    private let waiting = Mutex<[(path: String, contents: Contents)]>([])
    private let site: SiteWriter
    private let previous: PreviousSite

    private enum Contents {
        case text(String)
        case bytes([UInt8])
    }

    /// Files go into `site`'s staging folder; links come from the last build's site.
    init(site: SiteWriter, previous: PreviousSite) {
        self.site = site
        self.previous = previous
    }

    /// Writes a file (path relative to the site root): now, or, when another worker is writing, by that
    /// worker before it lets go of the folder. Throws the first failure so far, whoever's write it was.
    func write(_ relativePath: String, _ contents: String) throws(PublishError) {
        try hand(relativePath, .text(contents))
    }

    /// Writes a file from its bytes, as `write(_:_:)` does.
    func write(_ relativePath: String, bytes: [UInt8]) throws(PublishError) {
        try hand(relativePath, .bytes(bytes))
    }

    private func hand(_ path: String, _ contents: Contents) throws(PublishError) {
        waiting.withLock { $0.append((path, contents)) }
        // The holder looks at `waiting` once more after letting go, so a file left while it was
        // about to is written then.
        while !waiting.withLock({ $0.isEmpty }) {
            guard folderLock.withLockIfAvailable({ _ in writeWaiting() }) != nil else { break }
        }
        try check()
    }

    /// Writes every file left waiting, until none is; the caller holds the folder.
    private func writeWaiting() {
        while true {
            let files = waiting.withLock { waiting in
                var taken: [(path: String, contents: Contents)] = []
                swap(&taken, &waiting)
                return taken
            }
            guard !files.isEmpty else { return }
            for (path, contents) in files {
                do throws(PublishError) {
                    switch contents {
                    case .text(let text): try site.write(path, text)
                    case .bytes(let bytes):
                        var failed: PublishError?
                        bytes.withUnsafeBufferPointer { bytes in
                            do throws(PublishError) { try site.write(path, bytes: bytes) } catch { failed = error }
                        }
                        if let failed { throw failed }
                    }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
    }

    /// Queues hard links of the last build's files (paths relative to the site root).
    func link(_ relativePaths: [String]) {
        queue.async { [self] in
            for path in relativePaths {
                guard failure.withLock({ $0 == nil }) else { return }
                do throws(PublishError) {
                    try folderLock.withLock { _ throws(PublishError) in
                        try site.link(from: previous.path(path), to: path)
                    }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
    }

    /// Throws the first failed link so far, without waiting: a build stops soon after one fails.
    func check() throws(PublishError) {
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Waits until every queued link is made; throws the first failure.
    func finish() throws(PublishError) {
        drain()
        try check()
    }

    /// Waits until every queued link is made and every file left waiting written, so a failed build's
    /// staging folder is removed whole.
    func drain() {
        queue.sync {}
        folderLock.withLock { _ in writeWaiting() }
    }
}
