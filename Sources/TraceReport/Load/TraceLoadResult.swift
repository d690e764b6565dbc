/// One item the loader hands on: a trace to report on, or an input error to list.
public enum TraceLoadResult: Sendable {
    case trace(LoadedTrace)
    case failure(InputError)
}
