// The application ran on the module path under the agent, requiring only dev.warden.annotations:
// first with the agent's own runtime, then with dev.warden.runtime added but not required.
def check = evaluate(new File(basedir, '../modular-processor/src/scenario/check-run.groovy'))
check(new File(basedir, 'target/app.log'), 'Quotes', 'unnamed module', false)
check(new File(basedir, 'target/app-runtime-added.log'), 'Quotes', 'module dev.warden.runtime', false)
return true
