import Foundation

/// The blocks of page names a `NameTable` no longer holds in memory: a temporary file, removed from its
/// folder as soon as it is opened (so nothing is left behind, even when the build is killed), read and
/// written at fixed offsets. Its pages live in the kernel's page cache, not in the process.
final class NameSpill: @unchecked Sendable {
    // Unchecked: the descriptor is only written by a table that holds the only reference (copy on write in
    // `NameTable`), and `pread` at an offset is safe from any thread.
    private let descriptor: Int32

    /// A new, empty spill in `folder` (the system's temporary folder by default); nil when no file can be
    /// made there, and the table keeps its names in memory instead.
    init?(folder: String = NSTemporaryDirectory()) {
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
        template += Array("tracereport-names-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes `bytes` at `offset`; false when the disk did not take all of them.
    func write(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }

    /// Reads `count` bytes from `offset` into `buffer`; false when the file did not give them all.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Bool {
        var done = 0
        while done < count {
            let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// A spill of its own holding the first `count` bytes of this one, for a copy of a table that writes.
    func copy(count: Int) -> NameSpill? {
        guard let other = NameSpill() else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < count {
            let chunk = min(buffer.count, count - offset)
            let read = buffer.withUnsafeMutableBytes { self.read(into: $0.baseAddress!, count: chunk, at: offset) }
            guard read, other.write(Array(buffer[..<chunk]), at: offset) else { return nil }
            offset += chunk
        }
        return other
    }
}
