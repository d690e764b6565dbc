import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a site into a hidden sibling of the output folder and swaps it in
/// only when everything was written, so a failed or killed build leaves the
/// previous site as it was. Refuses to replace a folder tracereport did not
/// write, unless forced, and even then keeps it under another name.
public final class SiteWriter: @unchecked Sendable {  // `write` touches no state; `commit`/`discard` run on one thread
    /// The file that marks a folder as a site tracereport wrote.
    public static let marker = TraceLoader.siteMarker
    /// The file that marks a folder of re-run traces tracereport wrote (read as input, unlike a site).
    public static let tracesMarker = ".tracereport-traces"
    static let markerText = "This folder was written by tracereport, which replaces it whole on the next run.\n"

    /// The folder the site ends up in.
    public let output: String
    /// The folder being written.
    public let staging: String
    /// Where the site this build replaces is kept for the next build (`SpareSite`).
    let spare: String
    /// Whether the staging folder started as the spare site, holding the published site's pages.
    var startedFromSpare = false
    /// The file that says the folder is ours, for this writer.
    let siteMarker: String
    private var finished = false
    /// The staging folder, removed if the run is interrupted.
    private var interruption: Interruption.Token?
    /// Keeps other builds out of `output` until this one has committed or discarded its site.
    private let lock: OutputLock

    /// Checks `output` and prepares the staging folder beside it; `marker` names the file that says the folder is ours.
    /// Holds the output's lock (`OutputLock`) until the site is committed or discarded; `whenBusy` says what to do
    /// while another build holds it.
    public init(
        output: String, force: Bool, marker: String = SiteWriter.marker,
        whenBusy: OutputLock.WhenBusy = .wait(notes: { _ in })
    ) throws(PublishError) {
        siteMarker = marker
        let fm = FileManager.default
        let output = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
        self.output = output
        if let target = try? fm.destinationOfSymbolicLink(atPath: output), !fm.fileExists(atPath: output) {
            throw PublishError(
                path: output,
                reason:
                    "is a symbolic link to \(target), which does not exist: create that folder, or pass --output with another folder path"
            )
        }
        let absolute = URL(fileURLWithPath: output).standardizedFileURL
        let parent = absolute.deletingLastPathComponent().path
        let name = absolute.lastPathComponent
        if !fm.fileExists(atPath: parent) {
            do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw PublishError(
                    path: output,
                    reason:
                        "cannot create the folder \(parent) that will hold the site: \(Self.why(error)); choose an --output you can write to"
                )
            }
        }
        lock = try OutputLock(output: output, parent: parent, name: name, whenBusy: whenBusy)
        try Self.checkExisting(output, parent: parent, marker: marker, force: force)
        Self.removeStale(in: parent, name: name, marker: marker)
        staging = (parent as NSString).appendingPathComponent(
            ".\(name).tracereport-tmp-\(ProcessInfo.processInfo.processIdentifier)")
        spare = SpareSite.path(parent: parent, name: name)
        try? fm.removeItem(atPath: staging)
        interruption = Interruption.register(staging)
        try makeStaging()
    }

    /// Creates the staging folder, holding only the marker.
    func makeStaging() throws(PublishError) {
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
            try Data(Self.markerText.utf8).write(
                to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(siteMarker)))
        } catch {
            throw PublishError(
                path: output,
                reason:
                    "cannot write the site in \((staging as NSString).deletingLastPathComponent): \(Self.why(error)); choose an --output you can write to"
            )
        }
    }

    deinit { if !finished { discard() } }

    /// Writes one file of the site, creating its folder when missing.
    /// One `write(2)` and no `fsync` (Foundation's `Data.write` syncs every file): durability comes
    /// from swapping the finished folder in, not from each file.
    public func write(_ relativePath: String, _ contents: String) throws(PublishError) {
        var contents = contents
        var failure: PublishError?
        contents.withUTF8 { bytes in
            do throws(PublishError) { try write(relativePath, bytes: bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes one file of the site from its bytes.
    func write(_ relativePath: String, bytes: UnsafeBufferPointer<UInt8>) throws(PublishError) {
        let path = (staging as NSString).appendingPathComponent(relativePath)
        var failure = Self.writeFile(path, bytes)
        if failure == ENOENT {
            try makeFolder((relativePath as NSString).deletingLastPathComponent)
            failure = Self.writeFile(path, bytes)
        }
        if let failure {
            throw PublishError(path: path, reason: "cannot write: \(String(cString: strerror(failure)).lowercased())")
        }
    }

    /// Creates or replaces `path` with `bytes`; the `errno` on failure. A file already at `path` is
    /// replaced by a new one, never written into: a staging folder started from the spare site shares
    /// its files with the published site.
    private static func writeFile(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == EEXIST && unlink(path) == 0 {
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    /// Takes a file of the last build over unchanged: a hard link (no bytes copied), or a copy
    /// where the disk cannot link. The last build's site stays as it was.
    public func link(from existing: String, to relativePath: String) throws(PublishError) {
        let path = (staging as NSString).appendingPathComponent(relativePath)
        var info = stat()
        guard lstat(existing, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw PublishError(
                path: existing,
                reason:
                    "changed while this build ran (it is no longer a file tracereport wrote); build again, or remove the output folder to build it anew"
            )
        }
        if Glibc.link(existing, path) == 0 { return }
        do { try FileManager.default.copyItem(atPath: existing, toPath: path) } catch {
            throw PublishError(
                path: existing,
                reason:
                    "cannot take this page over from the last build: \(Self.why(error)); remove the output folder to build it anew"
            )
        }
    }

    /// Creates a folder of the site up front, so parallel writers never race to create it.
    /// Only folders below the staging folder are created, never the staging folder itself: once an
    /// interrupted run has removed it, nothing brings it back.
    public func makeFolder(_ relativePath: String) throws(PublishError) {
        var path = staging
        for component in relativePath.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw PublishError(
                    path: path, reason: "cannot create: \(String(cString: strerror(errno)).lowercased())")
            }
        }
    }

    /// The staging path of a file, for writers that stream (`summary.json`).
    public func stagingPath(_ relativePath: String) -> String {
        (staging as NSString).appendingPathComponent(relativePath)
    }

    /// Puts the finished site in place of `output`. Returns where a folder
    /// tracereport did not write was moved to, when `--force` replaced one.
    /// `differing`, the files of `traces/` in which the new site differs from the one it replaces, keeps
    /// the replaced one as the spare for the next build; nil removes it.
    @discardableResult
    public func commit(differing: [String]? = nil) throws(PublishError) -> String? {
        let fm = FileManager.default
        finished = true
        defer {
            if let interruption { Interruption.unregister(interruption) }
            lock.release()
        }
        guard fm.fileExists(atPath: output) else {
            SpareSite.remove(spare)
            do { try fm.moveItem(atPath: staging, toPath: output) } catch {
                discard()
                throw PublishError(path: output, reason: "cannot move the finished site into place: \(Self.why(error))")
            }
            return nil
        }
        let contents = (try? fm.contentsOfDirectory(atPath: output)) ?? []
        let ours = contents.isEmpty || contents.contains(siteMarker)
        if AtomicRename.exchange(staging, output) {
            // `staging` now holds the previous site.
            if ours, let differing, SpareSite.keep(staging, as: spare, output: output, differing: differing) {
                return nil
            }
            SpareSite.remove(spare)
            return try retire(previous: staging, ours: ours)
        }
        SpareSite.remove(spare)
        let aside = staging + "-old"
        do {
            try fm.moveItem(atPath: output, toPath: aside)
            try fm.moveItem(atPath: staging, toPath: output)
        } catch {
            if !fm.fileExists(atPath: output) { try? fm.moveItem(atPath: aside, toPath: output) }
            discard()
            throw PublishError(path: output, reason: "cannot replace the previous site: \(Self.why(error))")
        }
        return try retire(previous: aside, ours: ours)
    }

    /// Deletes the previous site when tracereport wrote it (or it was an empty folder); otherwise keeps it beside the output.
    private func retire(previous: String, ours: Bool) throws(PublishError) -> String? {
        let fm = FileManager.default
        if ours {
            try? fm.removeItem(atPath: previous)
            return nil
        }
        var n = 1
        while fm.fileExists(atPath: "\(output).replaced-\(n)") { n += 1 }
        let kept = "\(output).replaced-\(n)"
        do { try fm.moveItem(atPath: previous, toPath: kept) } catch {
            throw PublishError(
                path: previous,
                reason:
                    "the new site is in place, but the folder it replaced could not be renamed to \(kept); it is still at this path"
            )
        }
        return kept
    }

    /// Removes the staging folder; the previous site is untouched.
    public func discard() {
        finished = true
        try? FileManager.default.removeItem(atPath: staging)
        if let interruption { Interruption.unregister(interruption) }
        lock.release()
    }
}
