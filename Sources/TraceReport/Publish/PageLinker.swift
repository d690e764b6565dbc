import Dispatch
import Synchronization

/// Takes the last build's unchanged pages over into the new site with hard links, on one
/// background thread while the rest of the build goes on. From several threads, links into
/// one folder queue on the folder's lock: on ext4 a third of an incremental build's CPU time
/// was the kernel spinning on it.
final class PageLinker: Sendable {
    private let queue = DispatchQueue(label: "tracereport.page-linker")
    private let failure = Mutex<PublishError?>(nil)
    private let site: SiteWriter
    private let previousSite: String

    /// A linker from the site at `previousSite` into `site`'s staging folder.
    init(site: SiteWriter, previousSite: String) {
        self.site = site
        self.previousSite = previousSite.hasSuffix("/") ? previousSite : previousSite + "/"
    }

    /// Queues links of these files (paths relative to the site root); the first failure is kept for `finish`.
    func link(_ relativePaths: [String]) {
        queue.async { [self] in
            guard failure.withLock({ $0 == nil }) else { return }
            for path in relativePaths {
                do throws(PublishError) { try site.link(from: previousSite + path, to: path) } catch {
                    failure.withLock { $0 = error }
                    return
                }
            }
        }
    }

    /// Waits until every queued link is made; throws the first that failed.
    func finish() throws(PublishError) {
        drain()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Waits until every queued link is made, so a failed build's staging folder is removed whole.
    func drain() { queue.sync {} }
}
