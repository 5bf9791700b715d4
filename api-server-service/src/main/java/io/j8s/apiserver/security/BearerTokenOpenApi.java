package io.j8s.apiserver.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares bearer-token authentication in the OpenAPI document, so Swagger UI shows an "Authorize" button: paste a
 * token from the token file and every "Try it out" request carries it.
 */
@Component
class BearerTokenOpenApi implements OpenApiCustomizer {

    static final String SCHEME = "BearerToken";

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        components.addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
            .description("A token from the API server's token file (j8s.security.authentication.token-auth-file), "
                + "e.g. the admin token ./j8s up writes to .j8s/tokens/admin.token"));
        openApi.setComponents(components);
        openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }
}
