/// What a stage of one target's sync hands on: the value for the next stage, or the target's report when the sync
/// ends there (nothing to sync to, a refusal, a failure).
enum StageResult<Value> {
    case next(Value)
    case finished(TargetReport)
}
