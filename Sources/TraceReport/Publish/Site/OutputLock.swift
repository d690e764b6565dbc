import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One build at a time into an output folder: an advisory lock (`flock`) on a file beside the folder,
/// held from before the last build's site is read until the new one is swapped in. A second build
/// waits for it (or, asked not to wait, stops with exit 2), so it never takes pages over from a site
/// another build is replacing, and two swaps never interleave. The kernel releases the lock when its
/// holder ends, however it ends; the holder removes the file when it is done, and a waiter that then
/// finds its file gone from the path locks the path's new file instead.
public final class OutputLock {
    /// What a build does when another one holds the lock.
    public enum WhenBusy: Sendable {
        /// Wait for it, after telling the user why (the note names the output and the holder's pid).
        case wait(notes: @Sendable (String) -> Void)
        /// Stop with a publish error (exit 2): `--no-wait`.
        case fail
    }

    private let path: String
    private var fd: Int32 = -1
    /// The lock file, removed if the run is interrupted (a killed run's is taken over by the next).
    private var interruption: Interruption.Token?

    /// Locks `output`, whose lock file is `<parent>/.<name>.tracereport-lock`.
    init(output: String, parent: String, name: String, whenBusy: WhenBusy) throws(PublishError) {
        path = (parent as NSString).appendingPathComponent(".\(name).tracereport-lock")
        var told = false
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else {
                throw PublishError(
                    path: output,
                    reason:
                        "cannot write the site in \(parent): \(String(cString: strerror(errno)).lowercased()); choose an --output you can write to"
                )
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = Self.holder(fd).map { " (pid \($0))" } ?? ""
                switch whenBusy {
                case .fail:
                    close(fd)
                    throw PublishError(
                        path: output,
                        reason:
                            "another tracereport build\(holder) is writing this folder: run again once it has finished, or leave out --no-wait to wait for it"
                    )
                case .wait(let notes):
                    if !told {
                        notes(
                            "note: \(output): another tracereport build\(holder) is writing this folder; waiting for it to finish (--no-wait stops instead)"
                        )
                        told = true
                    }
                    while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
                }
            }
            // The holder before removed the file on leaving: lock the one now at the path.
            var locked = stat()
            var current = stat()
            guard fstat(fd, &locked) == 0, lstat(path, &current) == 0, locked.st_ino == current.st_ino,
                locked.st_dev == current.st_dev
            else {
                close(fd)
                continue
            }
            self.fd = fd
            interruption = Interruption.register(path)
            break
        }
        // Whoever waits next can name the holder.
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit { release() }

    /// Removes the lock file and lets the next build in (the kernel also releases the lock when the
    /// process ends; a file left by a killed build is taken over by the next).
    func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
        if let interruption { Interruption.unregister(interruption) }
    }

    /// The pid written in the lock file by the build that holds it.
    private static func holder(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 16, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
