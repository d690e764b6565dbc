/// The asset catalog of a group of traces as the build manifest keeps it (`UnitGroup`), in the order it
/// was built, which merging needs: `[[traceID, name], …]` (the traces its lists keep), then each asset as
/// `[key, kind, traces, [[stage, traces], …], [display, …], global only, fallbacks, overrides]`, a display
/// as `[display, name, version or null, fallback, traces, [[stage or null, traces, first trace id], …]]`
/// and a list of traces as `[count, [position in the first array, …]]`.
extension AssetCatalog {
    func writeStored(to w: inout JSONTextWriter) {
        func write(_ list: TraceList, _ w: inout JSONTextWriter) {
            w.array { w in
                w.int(list.count)
                w.array { w in for p in list.positions { w.int(Int(p)) } }
            }
        }
        w.array { w in
            w.array { w in
                for ref in refs.refs {
                    w.array { w in
                        w.string(ref.traceID)
                        w.string(ref.name)
                    }
                }
            }
            w.array { w in
                for asset in list {
                    w.array { w in
                        w.string(asset.key)
                        w.string(asset.kind)
                        w.int(asset.traces)
                        w.array { w in
                            for stage in asset.stages {
                                w.array { w in
                                    w.string(stage.name)
                                    w.int(stage.traces)
                                }
                            }
                        }
                        w.array { w in
                            for d in asset.displays {
                                w.array { w in
                                    w.string(d.display)
                                    w.string(d.name)
                                    w.string(d.version)
                                    w.bool(d.isFallback)
                                    write(d.traces, &w)
                                    w.array { w in
                                        for stage in d.stages {
                                            w.array { w in
                                                w.string(stage.stage)
                                                w.int(stage.count)
                                                w.string(stage.first)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        write(asset.globalOnly, &w)
                        write(asset.fallbacks, &w)
                        write(asset.overrides, &w)
                    }
                }
            }
        }
    }

    static func readStored(_ p: inout JSONParser) throws(JSONParser.Failure) -> AssetCatalog {
        var catalog = AssetCatalog()
        let refs = catalog.refs
        func readList(_ p: inout JSONParser) throws(JSONParser.Failure) -> TraceList {
            var list = TraceList()
            var first = true
            try p.enterArray()
            try p.element(&first, of: "a list of traces")
            list.count = try p.readInt()
            try p.element(&first, of: "a list of traces")
            list.positions = try p.readInts().map { Int32($0) }
            try p.end(&first, of: "a list of traces")
            guard list.positions.allSatisfy({ $0 >= 0 && Int($0) < refs.refs.count }) else {
                throw p.fail("a list names a trace the group does not hold")
            }
            if !list.positions.isEmpty { list.refs = refs }
            return list
        }
        var first = true
        try p.enterArray()
        try p.element(&first, of: "a group's catalog")
        try p.enterArray()
        var firstRef = true
        while try p.nextElement(&firstRef) {
            var f = true
            try p.enterArray()
            try p.element(&f, of: "a trace")
            let traceID = try p.readString()
            try p.element(&f, of: "a trace")
            let name = try p.readString()
            try p.end(&f, of: "a trace")
            _ = refs.append(TraceRef(traceID: traceID, name: name))
        }
        try p.element(&first, of: "a group's catalog")
        try p.enterArray()
        var firstAsset = true
        while try p.nextElement(&firstAsset) {
            var f = true
            let what = "an asset"
            try p.enterArray()
            try p.element(&f, of: what)
            var asset = Asset(key: try p.readString(), kind: "")
            try p.element(&f, of: what)
            asset.kind = try p.readString()
            try p.element(&f, of: what)
            asset.traces = try p.readInt()
            try p.element(&f, of: what)
            try p.enterArray()
            var firstStage = true
            while try p.nextElement(&firstStage) {
                var g = true
                try p.enterArray()
                try p.element(&g, of: "a stage")
                let name = try p.readString()
                try p.element(&g, of: "a stage")
                asset.stages.append((name, try p.readInt()))
                try p.end(&g, of: "a stage")
                asset.stagesCountedIn.append(0)
                asset.stageIndex.append(name)
            }
            try p.element(&f, of: what)
            try p.enterArray()
            var firstDisplay = true
            while try p.nextElement(&firstDisplay) {
                var g = true
                try p.enterArray()
                try p.element(&g, of: "a display")
                let text = try p.readString()
                try p.element(&g, of: "a display")
                let name = try p.readString()
                try p.element(&g, of: "a display")
                let version = try p.readOptionalString()
                try p.element(&g, of: "a display")
                var display = Display(display: text, name: name, version: version, isFallback: try p.readBool())
                try p.element(&g, of: "a display")
                display.traces = try readList(&p)
                try p.element(&g, of: "a display")
                try p.enterArray()
                var firstStage = true
                while try p.nextElement(&firstStage) {
                    var h = true
                    try p.enterArray()
                    try p.element(&h, of: "a display's stage")
                    let stage = try p.readOptionalString()
                    try p.element(&h, of: "a display's stage")
                    let count = try p.readInt()
                    try p.element(&h, of: "a display's stage")
                    display.stages.append((stage, count, try p.readString()))
                    try p.end(&h, of: "a display's stage")
                    display.stagesCountedIn.append(0)
                    display.stageIndex.append(stage)
                }
                try p.end(&g, of: "a display")
                guard asset.displayIndex.position(of: text) == nil else { throw p.fail("a display is listed twice") }
                asset.displays.append(display)
                asset.displayIndex.append(text)
            }
            try p.element(&f, of: what)
            asset.globalOnly = try readList(&p)
            try p.element(&f, of: what)
            asset.fallbacks = try readList(&p)
            try p.element(&f, of: what)
            asset.overrides = try readList(&p)
            try p.end(&f, of: what)
            guard catalog.positions[asset.key] == nil else { throw p.fail("an asset is listed twice") }
            catalog.positions[asset.key] = catalog.list.count
            catalog.list.append(asset)
        }
        try p.end(&first, of: "a group's catalog")
        return catalog
    }
}
