// What the application printed when it ran on the module path (its own checks already passed):
// first with the generated wrappers alone, then under the agent as well (each call guarded once).
['target/app.log', 'target/app-with-agent.log'].each { file ->
  def log = new File(basedir, file).text
  [
    'implementation: com.example.app.service.GuardedQuotes in module com.example.app',
    'runtime: module dev.warden.runtime',
    'throttled: A=42 B=42 C=busy (private fallback used)',
    'breaker: rejected with CircuitOpenException',
    'async: rejected stage QuoteFuture with ThrottledException',
    'jmx: CountCalls com.example.app.service.Quotes#quote Calls=3 Successes=2 Failures=0 Rejections=1',
    'jmx: 6 beans',
    'warden: com.example.app.service.Quotes#flaky calls=3 successes=0 failures=2 rejections=1',
    'MODULAR CHECKS PASSED',
  ].each { assert log.contains(it) : "missing '$it' in $file:\n$log" }
  assert !log.contains('WARNING') : "warnings in $file:\n$log"
}
return true
