import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What `SiteWriter` checks and tidies beside the output before a build writes anything.
extension SiteWriter {
    /// What is at `output` already may be replaced: a folder tracereport wrote (or an empty one, or any
    /// folder with `force`) on the same file system as its parent, where a finished site can be swapped in.
    static func checkExisting(_ output: String, parent: String, marker: String, force: Bool)
        throws(PublishError)
    {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw PublishError(
                path: output,
                reason: "is a file, not a folder: pass --output with a folder path (it is created if missing)")
        }
        var here = stat()
        var above = stat()
        if stat(output, &here) == 0, stat(parent, &above) == 0, here.st_dev != above.st_dev {
            throw PublishError(
                path: output,
                reason:
                    "is a mount point (another file system than \(parent)): a site is published by swapping a finished folder into place, which cannot replace a mount point; pass --output with a folder inside it, such as \((output as NSString).appendingPathComponent("site"))"
            )
        }
        let contents = (try? fm.contentsOfDirectory(atPath: output)) ?? []
        if !contents.isEmpty && !contents.contains(marker) && !force {
            throw PublishError(
                path: output,
                reason:
                    "holds files tracereport did not write, so it is left alone: choose another --output, or pass --force to build there anyway (the old folder is then kept as \(output).replaced-N)"
            )
        }
    }

    /// Staging folders left by killed builds: ours, since they hold the marker.
    static func removeStale(in parent: String, name: String, marker: String) {
        let fm = FileManager.default
        let prefix = ".\(name).tracereport-tmp-"
        for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            let path = (parent as NSString).appendingPathComponent(entry)
            let pid = entry.dropFirst(prefix.count).prefix { $0.isNumber }
            if let pid = Int32(pid), pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == 0 { continue }
            // A build killed between creating its staging folder and writing the marker leaves it empty.
            let empty = (try? fm.contentsOfDirectory(atPath: path))?.isEmpty ?? false
            if empty || fm.fileExists(atPath: (path as NSString).appendingPathComponent(marker)) {
                try? fm.removeItem(atPath: path)
            }
        }
    }

    static func why(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the disk"
            case .fileWriteVolumeReadOnly: return "the disk is read-only"
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
