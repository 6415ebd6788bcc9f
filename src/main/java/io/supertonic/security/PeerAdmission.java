package io.supertonic.security;

import java.net.InetAddress;
import java.util.function.BooleanSupplier;

/**
 * Who may use a server whose protocol has no field for an API key (Wyoming). It follows the HTTP
 * API's keys-off/keys-on policy with the peer's address standing in for the key:
 *
 * <ul>
 *   <li>no keys configured: every peer, as HTTP is open to everyone then;
 *   <li>keys configured: only peers on this machine (loopback) and those of the allowlist.
 * </ul>
 *
 * <p>"Keys configured" is {@link ApiKeyStore#enabled()}: once a keys file is configured, a file
 * emptied at run time keeps the policy closed, as it keeps HTTP closed.
 */
public final class PeerAdmission {
  private final BooleanSupplier keysOn;
  private final AddressAllowlist allowlist;

  /**
   * @param keysOn whether the server requires keys (asked at every connection)
   * @param allowlist the peers admitted besides loopback when keys are on
   */
  public PeerAdmission(BooleanSupplier keysOn, AddressAllowlist allowlist) {
    this.keysOn = keysOn;
    this.allowlist = allowlist;
  }

  /** The policy of a running key store. */
  public static PeerAdmission of(ApiKeyStore keys, AddressAllowlist allowlist) {
    return new PeerAdmission(keys::enabled, allowlist);
  }

  /**
   * True when {@code peer} may connect. An unknown peer address (null) is admitted only while keys
   * are off.
   */
  public boolean admits(InetAddress peer) {
    if (!keysOn.getAsBoolean()) {
      return true;
    }
    return peer != null && (peer.isLoopbackAddress() || allowlist.contains(peer));
  }

  public boolean keysOn() {
    return keysOn.getAsBoolean();
  }

  public AddressAllowlist allowlist() {
    return allowlist;
  }
}
