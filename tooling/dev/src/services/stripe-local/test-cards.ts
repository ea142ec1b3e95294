// The payment methods this server understands and how each behaves: Stripe's test cards as the
// one list in @marquee/config has them (the web shop's test card form types the same numbers).
export { STRIPE_TEST_CARDS as TEST_CARDS, stripeTestCard as testCard, type TStripeTestCard as TestCard } from "@marquee/config/stripe-test-cards";
