import { ActivateTerminal, ActivateTerminalResult, DiscoveryResult } from '../discovery'
import type { RouteDeclaration } from './route'

export const discover = {
  method: 'GET',
  path: '/api/discovery',
  access: 'admin',
  what: 'search the network: a SADP inquiry (SR_SADP_ADDRESS:SR_SADP_PORT), each answer matched with the registry and asked over HTTP whether it is activated; addresses outside SR_DEVICE_NETS are listed, never contacted',
  status: 200,
  answer: DiscoveryResult,
} as const satisfies RouteDeclaration

export const activateTerminal = {
  method: 'POST',
  path: '/api/discovery/activate',
  access: 'admin',
  what: 'give a terminal fresh out of the box its admin password (ISAPI challenge, encrypted password); the password rule is checked first; `conflict` when it is already activated',
  status: 200,
  body: ActivateTerminal,
  answer: ActivateTerminalResult,
  audit: 'device.activate',
} as const satisfies RouteDeclaration

/** The discovery routes, in the order the API doc lists them. */
export const discoveryGroup = [discover, activateTerminal] as const
