package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenCoalescerTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> frames = new ArrayList<>();

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void theFirstTokenGoesOutAtOnceThenTextIsHeldUntilTheSizeIsReached() {
        // given
        TokenCoalescer coalescer = new TokenCoalescer(10, 100, nanos::get, frames::add);

        // when
        coalescer.accept("Hi");
        coalescer.accept(" there");
        coalescer.accept(", how");

        // then
        assertThat(frames).containsExactly("Hi", " there, how");
    }

    @Test
    void heldTextIsFlushedWhenTheTimeLimitPassesAndAtTheEnd() {
        // given
        TokenCoalescer coalescer = new TokenCoalescer(1_000, 100, nanos::get, frames::add);

        // when
        coalescer.accept("A");
        advanceMillis(50);
        coalescer.accept("b");
        advanceMillis(50);
        coalescer.accept("c");
        coalescer.accept("d");
        coalescer.finish();

        // then
        assertThat(frames).containsExactly("A", "bc", "d");
    }

    @Test
    void aHighSurrogateWaitsForItsPartner() {
        // given
        TokenCoalescer coalescer = new TokenCoalescer(1, 100, nanos::get, frames::add);
        String rocket = "🚀";

        // when
        coalescer.accept("Go " + rocket.charAt(0));
        coalescer.accept(rocket.charAt(1) + "!");
        coalescer.finish();

        // then
        assertThat(frames).containsExactly("Go ", rocket + "!");
    }

    @Test
    void emptyDeltasSendNothingAndFinishWithoutTextSendsNothing() {
        // given
        TokenCoalescer coalescer = new TokenCoalescer(1, 100, nanos::get, frames::add);

        // when
        coalescer.accept("");
        coalescer.accept(null);
        coalescer.finish();

        // then
        assertThat(frames).isEmpty();
        assertThat(coalescer.anyFlushed()).isFalse();
    }
}
