// The application ran on the module path under the agent, with dev.warden.runtime required.
def check = evaluate(new File(basedir, '../modular-processor/src/scenario/check-run.groovy'))
check(new File(basedir, 'target/app.log'), 'Quotes', 'module dev.warden.runtime', true)
return true
