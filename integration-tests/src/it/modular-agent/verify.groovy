// What the application printed when it ran on the module path (its own checks already passed).
def log = new File(basedir, 'target/app.log').text
[
  'implementation: com.example.app.service.Quotes in module com.example.app',
  'runtime: module dev.warden.runtime',
  'throttled: A=42 B=42 C=busy (private fallback used)',
  'breaker: rejected with CircuitOpenException',
  'async: rejected stage QuoteFuture with ThrottledException',
  'jmx: CountCalls com.example.app.service.Quotes#quote Calls=3 Successes=2 Failures=0 Rejections=1',
  'jmx: 6 beans',
  'warden: com.example.app.service.Quotes#flaky calls=3 successes=0 failures=2 rejections=1',
  'MODULAR CHECKS PASSED',
].each { assert log.contains(it) : "missing '$it' in:\n$log" }
assert !log.contains('WARNING') : "warnings in:\n$log"
return true
