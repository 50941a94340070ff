// The application ran on the module path: with the generated wrappers alone, then under the agent
// as well (each call guarded once).
def check = evaluate(new File(basedir, 'src/scenario/check-run.groovy'))
['target/app.log', 'target/app-with-agent.log'].each { file ->
  check(new File(basedir, file), 'GuardedQuotes', 'module dev.warden.runtime', true)
}
return true
