// What every modular run prints once the application's own checks have passed, shared by the
// verify.groovy of the three modular projects: returns a check of one run's log.
return { File log, String implementation, String runtime, boolean requiresRuntime ->
  def text = log.text
  def expected = [
    "implementation: com.example.app.service.${implementation} in module com.example.app".toString(),
    "runtime: ${runtime}".toString(),
    'throttled: A=42 B=42 C=busy (private fallback used)',
    'breaker: rejected with CircuitOpenException',
    'async: rejected stage QuoteFuture with ThrottledException',
    'jmx: CountCalls com.example.app.service.Quotes#quote Calls=3 Successes=2 Failures=0 Rejections=1',
    'jmx: 6 beans',
  ]
  if (requiresRuntime) {
    expected << 'warden: com.example.app.service.Quotes#flaky calls=3 successes=0 failures=2 rejections=1'
    expected << 'MODULAR CHECKS PASSED'
  } else {
    expected << 'MODULAR CHECKS PASSED (JMX only)'
  }
  expected.each { assert text.contains(it) : "missing '$it' in $log:\n$text" }
  assert !text.contains('WARNING') : "warnings in $log:\n$text"
  return true
}
