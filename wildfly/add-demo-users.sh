#!/bin/sh
# The demo's two users in WildFly's application realm, with the role the demo's sign-in asks for
# (what the basicRegistry of liberty/config/configDropins/overrides/sandbox.xml is to Open Liberty).
# Demo credentials only: a real server uses its own identity store.
set -e
: "${JBOSS_HOME:?set JBOSS_HOME to the WildFly installation}"
"$JBOSS_HOME/bin/add-user.sh" -a -s -u ada -p ada-demo -g zapconnect-user
"$JBOSS_HOME/bin/add-user.sh" -a -s -u linus -p linus-demo -g zapconnect-user
