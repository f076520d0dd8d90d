#if canImport(Glibc)
import Glibc
#endif

/// The process's file-descriptor limit.
enum ResourceLimits {
    /// Raises the soft RLIMIT_NOFILE to the hard limit and returns the new soft limit.
    ///
    /// Ten thousand parked long polls need ten thousand sockets in the benchmark and as many
    /// in the server. The server is a child of this process and inherits the limit at
    /// spawn, so this must run before the server starts.
    @discardableResult
    static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return -1 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(resource, &limit)
            _ = getrlimit(resource, &limit)
        }
        return Int(limit.rlim_cur)
    }
}
