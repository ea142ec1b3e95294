// Every string a document or e-mail shows. Messages are plain text: parameters go in unescaped and
// the HTML renderer escapes the whole result, so a message can never smuggle markup.
export interface TMessages {
  ticket: {
    documentTitle: (orderReference: string) => string;
    admitOne: string;
    event: string;
    date: string;
    doorsOpen: string;
    venue: string;
    ticketType: string;
    seat: string;
    section: string;
    row: string;
    seatNumber: string;
    generalAdmission: string;
    holder: string;
    orderReference: string;
    shortCode: string;
    price: string;
    pageOf: (page: number, pages: number) => string;
    scanHint: string;
    personalNote: string;
  };
  invoice: {
    invoiceTitle: string;
    creditNoteTitle: string;
    number: string;
    issueDate: string;
    supplyDate: string;
    dueDate: string;
    originalInvoice: string;
    creditNoteIntro: (originalNumber: string) => string;
    seller: string;
    billedTo: string;
    vatId: string;
    description: string;
    quantity: string;
    unitPrice: string;
    taxRate: string;
    lineTotal: string;
    pricesIncludeTax: string;
    pricesExcludeTax: string;
    taxBreakdown: string;
    taxBase: string;
    taxAmount: string;
    net: string;
    tax: string;
    gross: string;
    totalDue: string;
    totalCredited: string;
    paymentReference: string;
    paidNote: string;
    refundNote: string;
    /** A credit note's free-amount line: money back without tickets. */
    goodwillCredit: string;
    /** A ticket credit note's line taking off goodwill money already refunded on the order. */
    goodwillOffset: string;
    currency: string;
    pageOf: (page: number, pages: number) => string;
  };
  email: {
    greeting: (name: string) => string;
    greetingAnonymous: string;
    signOff: string;
    team: (platform: string) => string;
    footer: (platform: string) => string;
    orderReference: string;
    event: string;
    date: string;
    venue: string;
    seat: (parts: { section?: string; row?: string; seat: string }) => string;
    ticketCount: (count: number) => string;
    orderConfirmation: {
      subject: (eventName: string, orderReference: string) => string;
      intro: (eventName: string) => string;
      ticketsHeading: string;
      total: string;
      attachmentsWithInvoice: string;
      attachmentsTicketsOnly: string;
      viewOrder: string;
      /** Under the order link: it opens the order on any device, no account needed, until the date. */
      linkNote: (validUntil: string) => string;
      /** Only for buyers with an account. */
      accountNote: string;
    };
    refund: {
      subjectFull: (orderReference: string) => string;
      subjectPartial: (orderReference: string) => string;
      subjectGoodwill: (orderReference: string) => string;
      introFull: (eventName: string) => string;
      introPartial: (eventName: string) => string;
      introGoodwill: (eventName: string) => string;
      amount: string;
      reason: string;
      creditNote: string;
      timing: string;
      ticketsVoidFull: string;
      ticketsVoidPartial: string;
      ticketsStayValid: string;
      viewOrder: string;
    };
    paidAfterExpiry: {
      subjectIssued: (eventName: string) => string;
      subjectRefunded: (eventName: string) => string;
      explanation: string;
      issued: string;
      issuedAttachments: string;
      refunded: string;
      refundAmount: string;
      timing: string;
      viewOrder: string;
      viewEvent: string;
    };
    eventCancelled: {
      subject: (eventName: string) => string;
      intro: (eventName: string, dateTime: string) => string;
      reason: (reason: string) => string;
      refund: string;
      button: string;
    };
    queueAdmission: {
      subject: (eventName: string) => string;
      intro: (eventName: string) => string;
      button: string;
      expiresAt: (dateTime: string) => string;
      personalLink: string;
    };
    waitingListOffer: {
      subject: (eventName: string) => string;
      intro: (quantity: number, ticketTypeName: string, eventName: string) => string;
      button: string;
      expiresAt: (dateTime: string) => string;
      passesOn: string;
    };
    supportReply: {
      subject: (conversationSubject: string) => string;
      intro: (agentName: string) => string;
      agentSignature: (agentName: string) => string;
      button: string;
      reference: string;
      replyHint: string;
    };
    orderLink: {
      subject: (orderReference: string) => string;
      intro: (eventName: string) => string;
      button: string;
      validUntil: (dateTime: string) => string;
      keepPrivate: string;
      notYou: string;
    };
    supportAcknowledgement: {
      subject: (conversationSubject: string) => string;
      intro: string;
      reference: string;
      topic: string;
      order: string;
      nextSteps: string;
      button: string;
      linkNote: string;
    };
  };
}
