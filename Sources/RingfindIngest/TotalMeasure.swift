/// The measures of a `totals` row.
enum TotalMeasure: String {
    case jobs
    case unticketedJobs = "unticketed_jobs"
    case bulkJobs = "bulk_jobs"
    case bulkUnticketedJobs = "bulk_unticketed_jobs"
    case accesses
    case otherAccesses = "other_accesses"
    case actionRows = "action_rows"
}
