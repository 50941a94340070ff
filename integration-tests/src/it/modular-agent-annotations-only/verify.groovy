// What the application printed when it ran on the module path (its own checks already passed):
// first with the agent's own runtime, then with dev.warden.runtime added but not required.
[
  'target/app.log': 'runtime: unnamed module',
  'target/app-runtime-added.log': 'runtime: module dev.warden.runtime',
].each { file, runtime ->
  def log = new File(basedir, file).text
  [
    'implementation: com.example.app.service.Quotes in module com.example.app',
    runtime,
    'throttled: A=42 B=42 C=busy (private fallback used)',
    'breaker: rejected with CircuitOpenException',
    'async: rejected stage QuoteFuture with ThrottledException',
    'jmx: CountCalls com.example.app.service.Quotes#quote Calls=3 Successes=2 Failures=0 Rejections=1',
    'jmx: 6 beans',
    'MODULAR CHECKS PASSED (JMX only)',
  ].each { assert log.contains(it) : "missing '$it' in $file:\n$log" }
  assert !log.contains('WARNING') : "warnings in $file:\n$log"
}
return true
