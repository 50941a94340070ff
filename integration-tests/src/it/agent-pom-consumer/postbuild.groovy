// The installed warden-agent POM must declare nothing its shaded jar already contains: the only
// artifact Maven resolves for a project that depends on the agent is the agent jar itself.
def listing = new File(basedir, 'target/resolved-dependencies.txt')
assert listing.isFile() : "dependency:list wrote no ${listing}"

// Lines look like "   dev.warden:warden-agent:jar:0.1.0-SNAPSHOT:test -- module dev.warden.agent [auto]".
def resolved = listing.readLines()
    .collect { it.trim().split(/\s+/)[0] }
    .findAll { it.count(':') >= 4 }
println "Resolved for warden-agent: ${resolved}"

def byteBuddy = resolved.findAll { it.startsWith('net.bytebuddy:') }
assert byteBuddy.isEmpty() : "Byte Buddy is inside the agent jar (relocated) but the agent POM also declares it: ${byteBuddy}"

def warden = resolved.findAll { it.startsWith('dev.warden:') }
assert warden.size() == 1 && warden[0].startsWith('dev.warden:warden-agent:jar:') :
    "expected dev.warden:warden-agent alone (runtime and annotations are inside its jar), got ${warden}"

assert resolved == warden : "the agent POM leaks dependencies into its users' builds: ${resolved - warden}"
return true
