#if canImport(Glibc)
    import Glibc
#endif

/// Linux's `renameat2(RENAME_EXCHANGE)`: swaps two paths in one step, so a
/// reader (or a crash) sees either the old site or the new one, never none.
@_silgen_name("renameat2")
private func renameat2(
    _ olddirfd: Int32, _ oldpath: UnsafePointer<CChar>, _ newdirfd: Int32, _ newpath: UnsafePointer<CChar>,
    _ flags: UInt32
) -> Int32

enum AtomicRename {
    private static let currentDirectory: Int32 = -100  // AT_FDCWD
    private static let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE

    /// Exchanges `a` and `b`; false when the file system cannot (the caller then renames twice).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            return renameat2(currentDirectory, a, currentDirectory, b, exchangeFlag) == 0
        #else
            return false
        #endif
    }
}
