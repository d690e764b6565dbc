import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The site the published one replaced, kept beside it as `.<output>.tracereport-spare`, so the next
/// build starts from a folder that already holds almost every page instead of from an empty one
/// (double buffering). Publishing stays one atomic swap of whole folders; what a build does per page
/// follows what changed: it brings the spare up to the published site (the few pages that differ
/// between the two), writes the pages that changed since, and removes the pages that went. An
/// unchanged page is neither linked nor removed: it is already there.
///
/// The spare holds `.tracereport-spare`: which published site it precedes (the device, inode, size
/// and time of that site's manifest) and, one per line, the files of `traces/` in which the two
/// differ. A spare that precedes another site (rebuilt, copied, replaced by hand), or is anything but
/// a folder of ours, is removed, never used. The spare's files are never written to: a page that
/// changes gets a new file (the spare's files are the published site's, hard-linked).
enum SpareSite {
    /// The file inside the spare that says what it precedes and where the two differ.
    static let infoName = ".tracereport-spare"
    /// A build that wrote or removed more page files than this keeps no spare: the next build would
    /// have to relink about as many as an empty folder needs, and its list would be long.
    static let maxDiffering = 100_000

    /// The spare's path beside the output folder `name` in `parent`.
    static func path(parent: String, name: String) -> String {
        (parent as NSString).appendingPathComponent(".\(name).tracereport-spare")
    }

    /// Which file a spare precedes: its manifest's device, inode, size and modification time.
    struct Identity: Equatable {
        var fields: [Int]

        init?(of path: String) {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            fields = [
                Int(info.st_dev), Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec),
                Int(info.st_mtim.tv_nsec),
            ]
        }

        init?(line: Substring) {
            let parts = line.split(separator: " ").compactMap { Int($0) }
            guard parts.count == 5 else { return nil }
            fields = parts
        }

        var line: String { fields.map(String.init).joined(separator: " ") }
    }

    /// How a spare turned out when a build tried to start from it.
    enum Adoption {
        /// The staging folder is now the spare, its `traces/` equal to the published site's, nothing else in it but the marker.
        case adopted
        /// There was none, or it could not be used (and was removed): the staging folder is as it was.
        case none
        /// It was moved in but could not be brought up to date: the staging folder must be made anew.
        case spoiled
    }

    /// Moves the spare into `staging` (an empty folder but for `marker`) when it precedes the site at
    /// `output`, then makes its `traces/` equal to that site's and removes everything else but the marker.
    static func adopt(spare: String, staging: String, output: String, marker: String) -> Adoption {
        var info = stat()
        guard lstat(spare, &info) == 0 else { return .none }
        guard info.st_mode & S_IFMT == S_IFDIR,
            let differing = differing(spare: spare, output: output, marker: marker)
        else {
            remove(spare)
            return .none
        }
        // The staging folder holds only the marker so far (made anew if it cannot be removed).
        unlink((staging as NSString).appendingPathComponent(marker))
        guard rmdir(staging) == 0 else { return .spoiled }
        guard rename(spare, staging) == 0 else {
            mkdir(staging, 0o755)
            return .spoiled
        }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []
        where entry != "traces" && entry != marker {
            remove((staging as NSString).appendingPathComponent(entry))
        }
        let traces = staging + "/traces/"
        let published = output + "/traces/"
        for file in differing {
            if unlink(traces + file) != 0 && errno != ENOENT { return .spoiled }
            guard lstat(published + file, &info) == 0 else {
                if errno == ENOENT { continue }
                return .spoiled
            }
            // Anything but a regular file (a link planted in the published site): start from an empty folder.
            guard info.st_mode & S_IFMT == S_IFREG else { return .spoiled }
            if link(published + file, traces + file) != 0 {
                guard (try? FileManager.default.copyItem(atPath: published + file, toPath: traces + file)) != nil
                else { return .spoiled }
            }
        }
        return .adopted
    }

    /// The files of `traces/` in which the spare differs from the site at `output`, when the spare is a
    /// folder of ours that precedes that site.
    private static func differing(spare: String, output: String, marker: String) -> [String]? {
        var info = stat()
        guard lstat((spare as NSString).appendingPathComponent(marker), &info) == 0,
            info.st_mode & S_IFMT == S_IFREG,
            lstat(spare + "/traces", &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            let published = Identity(of: (output as NSString).appendingPathComponent(BuildManifest.fileName))
        else { return nil }
        let fd = open((spare as NSString).appendingPathComponent(infoName), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        guard let data = try? handle.readToEnd() else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines.last == "", Identity(line: lines[0]) == published else { return nil }
        let files = lines.dropFirst().dropLast().map(String.init)
        // Each is a file name of `traces/`, as a build wrote it: never a path.
        guard files.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("/") && !$0.contains("\0") })
        else { return nil }
        return files
    }

    /// Keeps the site that was just replaced (now at `previous`) as the spare of the site at `output`,
    /// `differing` naming the files of `traces/` in which the two differ. False when it could not (the
    /// caller removes `previous`).
    static func keep(_ previous: String, as spare: String, output: String, differing: [String]) -> Bool {
        guard let published = Identity(of: (output as NSString).appendingPathComponent(BuildManifest.fileName))
        else { return false }
        remove(spare)
        guard rename(previous, spare) == 0 else { return false }
        let text = ([published.line] + differing).joined(separator: "\n") + "\n"
        let temporary = (spare as NSString).appendingPathComponent(infoName + ".tmp")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        var written = false
        if fd >= 0 {
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            written = (try? handle.write(contentsOf: Data(text.utf8))) != nil
        }
        guard written, rename(temporary, (spare as NSString).appendingPathComponent(infoName)) == 0 else {
            remove(spare)
            return true  // `previous` is gone either way
        }
        return true
    }

    /// The files of a site's `traces/` folder that `belongs` rejects, or that are not regular files
    /// (removed from the folder when `removing`), and how many others it holds. `strays` is nil when
    /// there were more than `maxDiffering`.
    static func strays(in folder: String, removing: Bool, belongs: (String) -> Bool) -> (
        strays: [String]?, kept: Int
    ) {
        guard let dir = opendir(folder) else { return ([], 0) }
        defer { closedir(dir) }
        var strays: [String]? = []
        var kept = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                type = lstat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? UInt8(DT_REG) : 0
            }
            if type == UInt8(DT_REG) && belongs(name) {
                kept += 1
                continue
            }
            // An entry readdir has returned can be removed while it goes on.
            if removing { remove(folder + "/" + name) }
            if strays != nil { strays!.append(name) }
            if (strays?.count ?? 0) > maxDiffering { strays = nil }
        }
        return (strays, kept)
    }

    /// Removes a file, a link (not what it points to) or a folder with all it holds.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            FileRemoval.unlink(path, size: info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0)
        }
    }
}
