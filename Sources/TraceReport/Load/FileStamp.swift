import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the file system says of a file that any change to its bytes changes: device, inode, size, and the
/// times of its last change of content and of status, to the nanosecond. The status change time cannot be
/// set back by a user (`touch -d` sets it to now), so a file rewritten, moved over or reset to an old
/// modification time gets another stamp. Git tells unchanged files apart by the same fields.
public struct FileStamp: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64

    /// The stamp of an open file, taken before its bytes are read.
    init?(fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    init?(text: String) {
        let parts = text.split(separator: ":").map { Int64($0) }
        guard parts.count == 5, parts.allSatisfy({ $0 != nil }) else { return nil }
        (device, inode, size) = (UInt64(bitPattern: parts[0]!), UInt64(bitPattern: parts[1]!), parts[2]!)
        (modified, changed) = (parts[3]!, parts[4]!)
    }

    var text: String {
        "\(Int64(bitPattern: device)):\(Int64(bitPattern: inode)):\(size):\(modified):\(changed)"
    }

    /// How long before a build began a file must have last changed for its stamp to be kept: a file written
    /// again within the clock's tick after the build read it would keep its times (git's "racily clean"
    /// files). Five seconds cover file systems that keep times to the second or two.
    /// `TRACEREPORT_STAMP_MARGIN` (seconds) sets another, for tests, whose files are new.
    static let margin: Int64 =
        (ProcessInfo.processInfo.environment["TRACEREPORT_STAMP_MARGIN"].flatMap { Int64($0) } ?? 5) * 1_000_000_000

    /// Whether the file had last changed `margin` before `now` (nanoseconds since 1970).
    func isSettled(at now: Int64) -> Bool { max(modified, changed) <= now - Self.margin }

    /// Now, on the clock the file system stamps files with.
    static var now: Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// Lets a reader of files skip one whose bytes a build already holds: `FileSource` asks before it reads a
/// JSONL file and says how many units it handed on after reading one.
public protocol FileReuse: AnyObject, Sendable {
    /// Takes the units of `file` (`shown` as reports name it) from elsewhere instead of reading it: true
    /// when done, false to read it.
    func reuse(_ file: String, shown: String, stamp: FileStamp) throws -> Bool
    /// The file was read: its `units` units were handed on, the last one just now.
    func read(_ shown: String, stamp: FileStamp?, units: Int)
}
