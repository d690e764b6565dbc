import Dispatch
import Synchronization

/// Creates the site's page files — written anew, or hard-linked from the last build — one
/// at a time. From several threads at once, file creations in one folder queue on the
/// folder's lock and ext4 spins on it: a third of an incremental build's CPU time, and
/// over a quarter of a full build's when creations are slow (after many deletions, ext4
/// without a journal scans recently deleted inodes on each). Here a writer that finds
/// another one busy sleeps instead, and links are made on a background thread while
/// the workers go on rendering.
final class PageFileQueue: Sendable {
    private let queue = DispatchQueue(label: "tracereport.page-files")
    private let folderLock = Mutex(())
    private let failure = Mutex<PublishError?>(nil)
    private let site: SiteWriter
    private let previous: PreviousSite

    /// Files go into `site`'s staging folder; links come from the last build's site.
    init(site: SiteWriter, previous: PreviousSite) {
        self.site = site
        self.previous = previous
    }

    /// Writes a file now (path relative to the site root), once no other file is being created.
    func write(_ relativePath: String, _ contents: String) throws(PublishError) {
        try folderLock.withLock { _ throws(PublishError) in try site.write(relativePath, contents) }
    }

    /// Writes a file from its bytes, as `write(_:_:)` does.
    func write(_ relativePath: String, bytes: [UInt8]) throws(PublishError) {
        try folderLock.withLock { _ throws(PublishError) in
            var failure: PublishError?
            bytes.withUnsafeBufferPointer { bytes in
                do throws(PublishError) { try site.write(relativePath, bytes: bytes) } catch { failure = error }
            }
            if let failure { throw failure }
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

    /// Waits until every queued link is made, so a failed build's staging folder is removed whole.
    func drain() { queue.sync {} }
}
