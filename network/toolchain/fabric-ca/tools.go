// Pins the Fabric release the network runs; built by network/install-fabric.sh.
// Nothing here is compiled into City Ledger itself.

//go:build tools

package tools

import (
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-client"
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-server"
)
