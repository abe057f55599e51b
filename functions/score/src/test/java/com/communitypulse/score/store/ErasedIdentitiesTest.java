package com.communitypulse.score.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErasedIdentitiesTest {
    @Test
    void theMarkerKeyIsTheSaltedSha256OfTheIdentity() {
        // the same vectors are asserted by the erasure CLI's and the welcome function's tests (printf '%s' ... | sha256sum)
        assertEquals("ERASED#eed6f456196f5bf92fc913b2ef1208955fb4b20adc6f3ef7dae038185a0e8f77",
                ErasedIdentities.pk(ErasedIdentities.DEFAULT_SALT, "github:583231"));
        assertEquals("ERASED#60e31059f7d52e03979b2ef93a567198b226518d2e6e4fdc4d9df2bb3188e623",
                ErasedIdentities.pk("pepper:", "github:583231"));
    }
}
