/// `summary.json`'s `assets` (per key: traces, displays with their version and trace count,
/// fallback, override and global-only counts, stages, drift) and `batch_findings`.
extension AssetCatalog {
    /// The catalog as compact JSON, keys sorted; `drifting` names the keys with `version-drift`.
    func json(drifting: Set<String>) -> String {
        var w = JSONTextWriter()
        w.object { w in
            for asset in sorted.sorted(by: { $0.key < $1.key }) {
                w.key(asset.key)
                w.object { w in
                    w.key("displays")
                    w.array { w in
                        for d in asset.displays {
                            w.object { w in
                                w.key("display")
                                w.string(d.display)
                                w.key("traces")
                                w.int(d.traces.count)
                                w.key("version")
                                w.string(d.label)
                            }
                        }
                    }
                    w.key("drift")
                    w.bool(drifting.contains(asset.key))
                    w.key("fallbacks")
                    w.int(asset.fallbacks.count)
                    w.key("global_only")
                    w.int(asset.globalOnly.count)
                    w.key("kind")
                    w.string(asset.kind)
                    w.key("overrides")
                    w.int(asset.overrides.count)
                    w.key("page")
                    w.string(AssetPagePath.page(for: asset.key) + ".html")
                    w.key("stages")
                    w.object { w in
                        for stage in asset.stages.sorted(by: { $0.name < $1.name }) {
                            w.key(stage.name)
                            w.int(stage.traces)
                        }
                    }
                    w.key("traces")
                    w.int(asset.traces)
                }
            }
        }
        return w.text
    }

    /// Batch findings as a compact JSON array, in the order found.
    static func json(findings: [Finding]) -> String {
        var w = JSONTextWriter()
        w.array { w in
            for f in findings {
                w.object { w in
                    for (key, value) in [
                        ("asset", f.asset), ("kind", f.kind.rawValue), ("message", f.message),
                        ("severity", f.severity.rawValue), ("stage", f.stage),
                    ] {
                        w.key(key)
                        w.string(value)
                    }
                }
            }
        }
        return w.text
    }
}
