import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Removes a large file without waiting for its pages to be freed: the file is opened, unlinked (its name
/// is gone at once), and closed on another thread, where the kernel frees its pages. Freeing the last
/// build's `summary.json` and manifest took a build that changed one trace 5% of its time, on the one
/// thread that runs while the build starts.
enum FileRemoval {
    /// Files smaller than this are unlinked as they are: freeing them costs less than a thread hop.
    static let largeSize = 1 << 20

    /// Unlinks the regular file at `path` (a size already known saves a `stat`); nothing when it is gone.
    static func unlink(_ path: String, size: Int? = nil) {
        let size =
            size
            ?? {
                var info = stat()
                return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
            }()
        let fd = size >= largeSize ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1
        Glibc.unlink(path)
        guard fd >= 0 else { return }
        DispatchQueue.global(qos: .utility).async { close(fd) }
    }
}
